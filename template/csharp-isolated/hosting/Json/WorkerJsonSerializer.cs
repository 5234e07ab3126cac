using System.Text.Json;
using Azure.Core.Serialization;

namespace OpenFaaS.Functions.Worker.Json;

/// <summary>
/// <c>WorkerOptions.Serializer</c> by default: System.Text.Json with the app's
/// <c>JsonSerializerOptions</c>, as Azure.Core's <c>JsonObjectSerializer</c> that Microsoft's
/// worker uses, but reaching each type through <see cref="JsonSerializerOptions.GetTypeInfo"/>.
/// Under JIT that is the reflection-based contract, as before; under NativeAOT it is the
/// app's <c>JsonSerializerContext</c> (added with <c>services.Configure&lt;JsonSerializerOptions&gt;(o =&gt;
/// o.TypeInfoResolverChain.Insert(0, MyJson.Default))</c>), where <c>JsonObjectSerializer</c> cannot be trimmed.
/// </summary>
internal sealed class WorkerJsonSerializer(JsonSerializerOptions options) : ObjectSerializer
{
    public override object? Deserialize(Stream stream, Type returnType, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize(stream, options.GetTypeInfo(returnType));

    public override async ValueTask<object?> DeserializeAsync(Stream stream, Type returnType, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync(stream, options.GetTypeInfo(returnType), cancellationToken).ConfigureAwait(false);

    public override void Serialize(Stream stream, object? value, Type inputType, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(stream, value, options.GetTypeInfo(inputType));

    public override ValueTask SerializeAsync(Stream stream, object? value, Type inputType, CancellationToken cancellationToken) =>
        new(JsonSerializer.SerializeAsync(stream, value, options.GetTypeInfo(inputType), cancellationToken));
}

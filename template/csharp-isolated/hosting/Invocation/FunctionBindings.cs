using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>
/// The invocation's binding values as Microsoft's middleware reads them: the invocation result
/// (<c>context.GetInvocationResult()</c>), output binding values (<c>GetOutputBindings&lt;T&gt;()</c>,
/// <c>GetHttpResponseData()</c>) and trigger metadata. Worker.Core reads them through its internal
/// <c>IFunctionBindingsFeature</c>; <see cref="Install"/> puts a proxy of that interface over this
/// object into the context's features, so Microsoft's own extension methods work unchanged.
/// </summary>
internal sealed class FunctionBindings
{
    private const string FeatureInterface = "Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature";

    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)]
    private static readonly Type? FeatureType = Type.GetType(FeatureInterface + ", Microsoft.Azure.Functions.Worker.Core");

    public IReadOnlyDictionary<string, object?> TriggerMetadata { get; set; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?> InputData { get; init; } = new Dictionary<string, object?>();

    public IDictionary<string, object?> OutputBindingData { get; } = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

    public object? InvocationResult { get; set; }

    /// <summary>Adds the feature to <paramref name="features"/> under Worker.Core's interface type.</summary>
    /// <exception cref="InvalidOperationException">This Worker.Core has no such interface (a version the host does not know).</exception>
    public void Install(WorkerInvocationFeatures features)
    {
        // The proxy is a type made at run time, which NativeAOT cannot do (a feature switch: the
        // trimmer removes this path there). Under NativeAOT, Worker.Core's extensions that read
        // this feature (GetInvocationResult, GetOutputBindings, GetHttpResponseData) are not
        // available to middleware; the host's own binding works without them.
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return;
        }

        var type = FeatureType ?? throw new InvalidOperationException($"Microsoft.Azure.Functions.Worker.Core has no {FeatureInterface}.");
        var proxy = DispatchProxy.Create(type, typeof(Proxy));
        ((Proxy)proxy).Target = this;
        features.Set(type, proxy);
    }

    /// <summary>Forwards the interface's property accessors to the <see cref="FunctionBindings"/> of the same names.</summary>
    public class Proxy : DispatchProxy
    {
        internal FunctionBindings Target { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_TriggerMetadata" => Target.TriggerMetadata,
            "get_InputData" => Target.InputData,
            "get_OutputBindingData" => Target.OutputBindingData,
            "get_InvocationResult" => Target.InvocationResult,
            "set_InvocationResult" => Target.InvocationResult = args![0],
            // OutputBindingsInfo is Worker.Core's internal binder for the gRPC worker; the host binds outputs itself.
            "get_OutputBindingsInfo" => null,
            _ => throw new NotSupportedException($"IFunctionBindingsFeature.{targetMethod?.Name} is not supported by the OpenFaaS host."),
        };
    }
}

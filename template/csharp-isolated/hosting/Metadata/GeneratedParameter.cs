using System.ComponentModel;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>A parameter of a <see cref="GeneratedFunction"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedParameter
{
    public required string Name { get; init; }

    public required Type Type { get; init; }

    /// <summary>Its binding attributes (<c>[HttpTrigger]</c>, <c>[BlobInput]</c>...) and <c>[FromBody]</c>.</summary>
    public IReadOnlyList<Attribute> Attributes { get; init; } = [];

    public bool HasDefaultValue { get; init; }

    /// <summary>The declared default, or <c>default(T)</c> when none is declared.</summary>
    public object? DefaultValue { get; init; }

    /// <summary>Converts a route or query string value (invariant culture); null when the type is no such value.</summary>
    public Func<string, object?>? Parse { get; init; }
}

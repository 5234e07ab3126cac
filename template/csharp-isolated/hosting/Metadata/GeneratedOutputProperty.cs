using System.ComponentModel;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>A property of a multi-output return type, as the generator found it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedOutputProperty
{
    public required string Name { get; init; }

    public required Type Type { get; init; }

    /// <summary>Its output binding attribute (<c>[HttpResult]</c>, <c>[QueueOutput]</c>...), if any.</summary>
    public Attribute? Attribute { get; init; }

    public required Func<object, object?> Get { get; init; }
}

using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>A binding of a function as the worker model describes it ("httpTrigger", "timerTrigger", "http").</summary>
internal sealed class HostBindingMetadata(string name, string type, BindingDirection direction) : BindingMetadata
{
    public override string Name { get; } = name;

    public override string Type { get; } = type;

    public override BindingDirection Direction { get; } = direction;
}

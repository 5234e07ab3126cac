using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>Binding data of one invocation: route values and query string values of an HTTP call.</summary>
internal sealed class WorkerBindingContext(IReadOnlyDictionary<string, object?> bindingData) : BindingContext
{
    public override IReadOnlyDictionary<string, object?> BindingData { get; } = bindingData;
}

using Microsoft.Azure.Functions.Worker;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>The <see cref="FunctionContext"/> of one invocation on the OpenFaaS host.</summary>
internal sealed class WorkerFunctionContext : FunctionContext
{
    public WorkerFunctionContext(
        FunctionEntry function,
        string invocationId,
        IServiceProvider services,
        IReadOnlyDictionary<string, object?> bindingData,
        TraceContext traceContext,
        CancellationToken cancellationToken)
    {
        Function = function;
        InvocationId = invocationId;
        InstanceServices = services;
        BindingContext = new WorkerBindingContext(bindingData);
        TraceContext = traceContext;
        CancellationToken = cancellationToken;
    }

    public FunctionEntry Function { get; }

    public override string InvocationId { get; }

    public override string FunctionId => Function.Id;

    public override TraceContext TraceContext { get; }

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext => Retry;

    public RetryContext Retry { get; init; } = WorkerRetryContext.FirstAttempt;

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition => Function;

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new WorkerInvocationFeatures();

    public override CancellationToken CancellationToken { get; }

    public InvocationInputs Inputs => Features.Get<InvocationInputs>() ?? throw new InvalidOperationException("The invocation has no inputs.");
}

using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>W3C trace context of the call (from its traceparent/tracestate headers).</summary>
internal sealed class WorkerTraceContext(string traceParent, string traceState) : TraceContext
{
    public override string TraceParent { get; } = traceParent;

    public override string TraceState { get; } = traceState;
}

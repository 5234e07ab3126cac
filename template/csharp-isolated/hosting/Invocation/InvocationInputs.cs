using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>The trigger values of one invocation, kept as a feature of its context.</summary>
internal sealed class InvocationInputs
{
    public HttpRequestData? Request { get; init; }

    public TimerInfo? Timer { get; init; }

    /// <summary>The awaited return value of the function method, set by the executor.</summary>
    public object? Result { get; set; }

    /// <summary>True once the function method ran (middleware may short-circuit it).</summary>
    public bool Executed { get; set; }
}

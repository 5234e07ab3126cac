using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>The trigger values of one invocation, kept as a feature of its context.</summary>
internal sealed class InvocationInputs
{
    public HttpRequestData? Request { get; init; }

    /// <summary>The ASP.NET Core call behind an HTTP invocation (HttpRequest parameters, GetHttpContext()).</summary>
    public HttpContext? HttpContext { get; init; }

    public TimerInfo? Timer { get; init; }

    /// <summary>The invocation result and output binding values, as middleware sees them.</summary>
    public FunctionBindings Bindings { get; } = new();

    /// <summary>True once the function method ran (middleware may short-circuit it).</summary>
    public bool Executed { get; set; }
}

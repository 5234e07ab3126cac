using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>
/// The <see cref="IFunctionsWorkerApplicationBuilder"/> the OpenFaaS host hands to Program.cs:
/// its services, and the invocation middleware (<c>UseMiddleware</c>, <c>UseWhen</c>) in order.
/// </summary>
internal sealed class FunctionsWorkerApplicationBuilder(IServiceCollection services) : IFunctionsWorkerApplicationBuilder
{
    private readonly List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> _middleware = [];

    public IServiceCollection Services { get; } = services;

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>The pipeline: the middleware in registration order, ending in <paramref name="terminal"/>.</summary>
    public FunctionExecutionDelegate Build(FunctionExecutionDelegate terminal)
    {
        var next = terminal;
        for (var i = _middleware.Count - 1; i >= 0; i--)
        {
            next = _middleware[i](next);
        }

        return next;
    }
}

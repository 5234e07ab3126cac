using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// Executes an <see cref="IActionResult"/> (ASP.NET Core integration) with MVC Core's result
/// executors, as Azure's worker does. Registering MVC Core costs ~16 ms and 1.4 MB at start-up,
/// so its services live in a container of their own, built only when a function returns
/// IActionResult (at start-up when the catalog shows one, else on the first such answer), and
/// never under NativeAOT, where MVC cannot be trimmed: that branch is removed at publish.
/// Services MVC's container lacks (LinkGenerator for redirects, the app's own) come from the
/// request's scope of the function host.
/// </summary>
internal sealed class ActionResults(ILoggerFactory loggerFactory) : IDisposable
{
    private readonly Lazy<ServiceProvider?> _mvc = new(() => Build(loggerFactory));

    /// <summary>Whether any function answers with an IActionResult (its return type or its HTTP output property).</summary>
    public static bool NeededBy(IEnumerable<FunctionEntry> functions) =>
        functions.Any(f => Returns(f.Method.ReturnType) || (f.HttpOutputProperty is { } output && Returns(output.Property.Type)));

    /// <summary>Builds MVC Core's services now, so that the first call does not wait for them.</summary>
    public void Prepare() => _ = _mvc.Value;

    public async Task ExecuteAsync(HttpContext http, IActionResult result)
    {
        var mvc = _mvc.Value ?? throw new NotSupportedException(
            "IActionResult needs MVC Core, which a NativeAOT build leaves out: answer with HttpResponseData or an IResult (Results.*).");
        var requestServices = http.RequestServices;
        var scope = mvc.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            http.RequestServices = new FirstFound(scope.ServiceProvider, requestServices);
            try
            {
                await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
            }
            finally
            {
                http.RequestServices = requestServices;
            }
        }
    }

    public void Dispose()
    {
        if (_mvc.IsValueCreated)
        {
            _mvc.Value?.Dispose();
        }
    }

    private static bool Returns(Type type)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return typeof(IActionResult).IsAssignableFrom(type);
    }

    private static ServiceProvider? Build(ILoggerFactory loggerFactory)
    {
        // A feature switch: false under NativeAOT, so the trimmer drops MVC Core with this branch.
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return null;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(loggerFactory);
        services.AddMvcCore();
        return services.BuildServiceProvider();
    }

    private sealed class FirstFound(IServiceProvider first, IServiceProvider then) : IServiceProvider
    {
        public object? GetService(Type serviceType) => first.GetService(serviceType) ?? then.GetService(serviceType);
    }
}

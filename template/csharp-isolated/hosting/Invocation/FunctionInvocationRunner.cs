using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>
/// Runs one invocation: a DI scope, a <see cref="WorkerFunctionContext"/>, the logging scope,
/// the middleware pipeline ending in the function, "Executing"/"Executed" log lines and the
/// host's invocation metrics (<see cref="HostMetrics"/>).
/// </summary>
internal sealed partial class FunctionInvocationRunner(
    IServiceScopeFactory scopes,
    FunctionExecutionDelegate pipeline,
    TimeProvider time,
    ILogger<FunctionInvocationRunner> logger)
{
    /// <summary>
    /// Runs the function, then <paramref name="completed"/> with the context and the exception
    /// the function threw (null on success), still inside the invocation's scopes;
    /// <paramref name="completed"/> answers and returns the HTTP status code it answered with.
    /// </summary>
    public async Task RunAsync(
        FunctionEntry function,
        InvocationSetup setup,
        Func<WorkerFunctionContext, Exception?, Task<int>> completed,
        CancellationToken cancellationToken)
    {
        var inFlight = HostMetrics.InFlight.WithLabels(function.Name);
        inFlight.Inc();
        var measured = time.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            status = await RunScopedAsync(function, setup, completed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            inFlight.Dec();
            HostMetrics.Duration.WithLabels(function.Name, setup.Trigger).Observe(time.GetElapsedTime(measured).TotalSeconds);
            HostMetrics.Invocations.WithLabels(function.Name, setup.Trigger, HostMetrics.StatusClass(status)).Inc();
        }
    }

    private async Task<int> RunScopedAsync(
        FunctionEntry function,
        InvocationSetup setup,
        Func<WorkerFunctionContext, Exception?, Task<int>> completed,
        CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString();
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = new WorkerFunctionContext(function, invocationId, scope.ServiceProvider, setup.BindingData, setup.TraceContext, cancellationToken) { Retry = setup.Retry };
            var inputs = setup.CreateInputs(context);
            context.Features.Set(inputs);
            inputs.Bindings.TriggerMetadata = setup.BindingData;
            inputs.Bindings.Install((WorkerInvocationFeatures)context.Features);
            if (inputs.HttpContext is not null)
            {
                // Where Microsoft's ASP.NET Core integration keeps it (FunctionContext.GetHttpContext()).
                context.Items[Microsoft.Azure.Functions.Worker.FunctionContextHttpContextExtensions.HttpContextKey] = inputs.HttpContext;
            }
            if (inputs.Request is not null)
            {
                context.Features.Set<IHttpRequestDataFeature>(new RequestDataFeature(inputs.Request));
            }

            using (logger.BeginScope(new InvocationLogScope(function.Name, invocationId)))
            {
                LogExecuting(function.Name, setup.Reason, invocationId);
                var started = time.GetTimestamp();
                Exception? failure = null;
                try
                {
                    await pipeline(context).ConfigureAwait(false);
                    LogExecuted(function.Name, "Succeeded", invocationId, time.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (ArgumentBindingException e)
                {
                    failure = e;
                    LogRejected(function.Name, invocationId, e.Message);
                }
                catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                    LogExecuted(function.Name, "Canceled", invocationId, time.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e)
                {
                    failure = e;
                    LogFailed(e, function.Name, invocationId, time.GetElapsedTime(started).TotalMilliseconds);
                }

                return await completed(context, failure).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    private partial void LogExecuting(string functionName, string reason, string invocationId);

    [LoggerMessage(2, LogLevel.Information, "Executed 'Functions.{FunctionName}' ({Outcome}, Id={InvocationId}, Duration={DurationMs}ms)")]
    private partial void LogExecuted(string functionName, string outcome, string invocationId, double durationMs);

    [LoggerMessage(3, LogLevel.Error, "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMs}ms)")]
    private partial void LogFailed(Exception exception, string functionName, string invocationId, double durationMs);

    [LoggerMessage(4, LogLevel.Warning, "Rejected 'Functions.{FunctionName}' (Id={InvocationId}): {Problem}")]
    private partial void LogRejected(string functionName, string invocationId, string problem);

    private sealed class RequestDataFeature(HttpRequestData request) : IHttpRequestDataFeature
    {
        public ValueTask<HttpRequestData?> GetHttpRequestDataAsync(Microsoft.Azure.Functions.Worker.FunctionContext context) => new(request);
    }
}

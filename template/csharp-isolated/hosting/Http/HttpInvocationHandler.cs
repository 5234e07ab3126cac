using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Invocation;
using OpenFaaS.Functions.Worker.Metadata;
using OpenFaaS.Functions.Worker.Metrics;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>Serves one HTTP call of an HTTP-triggered function: key check, body, invocation, response.</summary>
internal sealed partial class HttpInvocationHandler(
    FunctionInvocationRunner runner,
    IOptions<WorkerOptions> workerOptions,
    ActionResults actionResults,
    ILogger<HttpInvocationHandler> logger)
{
    public const string CallIdHeader = "X-Call-Id";

    public async Task HandleAsync(HttpContext http, FunctionEntry function, FunctionKeys keys, long maxRequestBodyBytes)
    {
        var aborted = http.RequestAborted;
        var authorization = keys.Authorize(http.Request, function.HttpTrigger!.AuthLevel);
        if (!authorization.Allowed)
        {
            await ErrorResponses.WriteAsync(http.Response, StatusCodes.Status401Unauthorized, "unauthorized",
                $"This function needs a key: send it in the {FunctionKeys.KeyHeader} header or the {FunctionKeys.KeyQueryParameter} query parameter.").ConfigureAwait(false);
            return;
        }

        BufferedRequestBody buffered;
        try
        {
            buffered = await BufferedRequestBody.ReadAsync(http.Request, maxRequestBodyBytes, aborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            LogTooLarge(function.Name, maxRequestBodyBytes);
            await ErrorResponses.WriteAsync(http.Response, StatusCodes.Status413PayloadTooLarge, "payload_too_large",
                $"The request body is larger than {maxRequestBodyBytes} bytes.").ConfigureAwait(false);
            return;
        }

        await using (buffered.ConfigureAwait(false))
        {
            // HttpRequest (ASP.NET Core integration) and HttpRequestData read the same buffered body.
            var body = buffered.Stream;
            http.Request.Body = body;
            var setup = new InvocationSetup(
                InvocationTrigger.Http,
                "This function was programmatically called via the host APIs.",
                TraceContextOf(http.Request),
                BindingDataOf(http),
                context => new InvocationInputs { Request = new KestrelHttpRequestData(context, http.Request, body, authorization.Identities), HttpContext = http });
            await runner.RunAsync(function, setup, (context, failure) => CompleteAsync(http, context, failure), aborted).ConfigureAwait(false);
        }
    }

    /// <summary>Longest call id kept: OpenFaaS's are UUIDs; a caller's longer one is cut, as it goes into every log line of the call.</summary>
    public const int MaxCallIdLength = 128;

    public static string? CallIdOf(HttpRequest request) =>
        request.Headers[CallIdHeader].FirstOrDefault() is { Length: > 0 } callId ? callId[..Math.Min(callId.Length, MaxCallIdLength)] : null;

    public static TraceContext TraceContextOf(HttpRequest request) => new WorkerTraceContext(
        request.Headers["traceparent"].FirstOrDefault() ?? string.Empty,
        request.Headers["tracestate"].FirstOrDefault() ?? string.Empty);

    private async Task<int> CompleteAsync(HttpContext http, WorkerFunctionContext context, Exception? failure)
    {
        await AnswerAsync(http, context, failure).ConfigureAwait(false);
        return http.Response.StatusCode;
    }

    private async Task AnswerAsync(HttpContext http, WorkerFunctionContext context, Exception? failure)
    {
        var response = http.Response;
        var aborted = http.RequestAborted;
        switch (failure)
        {
            case null:
                break;
            case ArgumentBindingException badInput:
                await ErrorResponses.WriteAsync(response, StatusCodes.Status400BadRequest, "bad_request", badInput.Message, context.InvocationId).ConfigureAwait(false);
                return;
            default:
                await ErrorResponses.WriteAsync(response, StatusCodes.Status500InternalServerError, "internal_error",
                    "The function failed; its log has the details under this invocation id.", context.InvocationId).ConfigureAwait(false);
                return;
        }

        // The response is what the worker's HTTP binding holds once middleware has run: the
        // multi-output type's http property, otherwise the invocation result (which middleware
        // such as Microsoft's ExceptionHandlingMiddleware may have replaced).
        var inputs = context.Inputs;
        var function = context.Function;
        var result = function.HttpOutputProperty is { } property
            ? inputs.Bindings.OutputBindingData.TryGetValue(property.Name, out var value) ? value : null
            : inputs.Bindings.InvocationResult;
        switch (result)
        {
            case HttpResponseData data:
                await HttpResponseWriter.WriteAsync(response, data, aborted).ConfigureAwait(false);
                break;
            case IActionResult action:
                // ASP.NET Core integration: MVC executes it, as in Azure's worker.
                await actionResults.ExecuteAsync(http, action).ConfigureAwait(false);
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(http).ConfigureAwait(false);
                break;
            case string text:
                await HttpResponseWriter.WriteTextAsync(response, text, aborted).ConfigureAwait(false);
                break;
            case null when response.HasStarted:
                // The function wrote the ASP.NET Core response itself (HttpContext.Response).
                break;
            case null when inputs.Executed && function.ReturnsNothing:
                response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case null:
                LogNoResponse(function.Name, context.InvocationId);
                await ErrorResponses.WriteAsync(response, StatusCodes.Status500InternalServerError, "internal_error",
                    "The function returned no HTTP response.", context.InvocationId).ConfigureAwait(false);
                break;
            default:
                await HttpResponseWriter.WriteJsonAsync(response, result, workerOptions.Value.Serializer!, aborted).ConfigureAwait(false);
                break;
        }
    }

    private static Dictionary<string, object?> BindingDataOf(HttpContext http)
    {
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in http.Request.Query)
        {
            // The key must not travel further than its check.
            if (!string.Equals(key, FunctionKeys.KeyQueryParameter, StringComparison.OrdinalIgnoreCase))
            {
                data[key] = value.ToString();
            }
        }

        foreach (var (key, value) in http.GetRouteData().Values)
        {
            if (!key.StartsWith("__", StringComparison.Ordinal))
            {
                data[key] = value;
            }
        }

        return data;
    }

    [LoggerMessage(10, LogLevel.Warning, "Rejected a call of '{FunctionName}': body larger than {Limit} bytes")]
    private partial void LogTooLarge(string functionName, long limit);

    [LoggerMessage(11, LogLevel.Error, "Function '{FunctionName}' (Id={InvocationId}) returned no HTTP response")]
    private partial void LogNoResponse(string functionName, string invocationId);
}

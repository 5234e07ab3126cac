using System.Diagnostics;
using ImageCacheFunctions.LocalGateway.Hosting;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Cron;

/// <summary>
/// One cron-connector invocation: POST /function/&lt;name&gt; through the gateway with the
/// headers the connector sends, which the function host treats as a timer trigger, and the
/// function key, without which the host refuses a connector call (FUNCTIONS_CONNECTOR_AUTH).
/// </summary>
internal sealed partial class CronInvoker(HttpClient client, GatewayAddress gateway, CronKey key, ILogger<CronInvoker> logger)
{
    public const string ConnectorHeader = "X-Connector";
    public const string ConnectorName = "cron-connector";
    public const string TopicHeader = "X-Topic";

    /// <summary>The longest a function may take; cron-function timeouts in stack.yml are far shorter.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <returns>The function's HTTP status, or null when it could not be reached.</returns>
    public async Task<int?> InvokeAsync(string function, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Url, $"function/{function}"));
        request.Headers.Add(ConnectorHeader, ConnectorName);
        request.Headers.Add(TopicHeader, StackFunction.CronTopic);
        if (key.Read() is { } functionKey)
        {
            request.Headers.Add(CronKey.Header, functionKey);
        }

        request.Content = new ByteArrayContent([]);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            LogInvoked(function, (int)response.StatusCode, stopwatch.ElapsedMilliseconds);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            LogFailed(function, e.Message);
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(function, $"no answer within {client.Timeout}");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "cron → {Function}: {Status} in {Milliseconds} ms")]
    private partial void LogInvoked(string function, int status, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cron → {Function}: failed: {Error}")]
    private partial void LogFailed(string function, string error);
}

using System.Diagnostics;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>Polls the host's readiness endpoint (of-watchdog's ready_path) until it answers 200.</summary>
internal static class Readiness
{
    public const string Path = "/_/ready";

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>About 30 s of polling: a cold .NET start is well under that.</summary>
    public const int MaxAttempts = 1500;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <returns>True once ready; false when the process exits or the attempts run out.</returns>
    public static Task<bool> WaitAsync(HttpClient client, int port, Process process, CancellationToken cancellationToken) =>
        WaitAsync(client, port, process, PollInterval, MaxAttempts, cancellationToken);

    /// <returns>True once ready; false when the process exits or the attempts run out.</returns>
    public static async Task<bool> WaitAsync(
        HttpClient client, int port, Process process, TimeSpan interval, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(process);
        var url = new Uri($"http://127.0.0.1:{port}{Path}");
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            if (process.HasExited)
            {
                return false;
            }

            if (await AnswersAsync(client, url, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    public static async Task<bool> AnswersAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await client.GetAsync(url, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

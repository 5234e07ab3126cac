using System.Net.Http.Headers;
using CloudNative.CloudEvents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// POSTs <c>ImageCachePruned</c> CloudEvents to <see cref="PruneOptions.EventSinkUrl"/>, one
/// attempt each with <see cref="PruneOptions.EventSinkTimeout"/>. Best effort: the deletion has
/// happened whatever the sink says, so a failure is logged and counted, never thrown.
/// </summary>
public sealed partial class PruneEventSink(IHttpClientFactory httpClients, IOptions<PruneOptions> options, ILogger<PruneEventSink> logger)
{
    public const string HttpClientName = "ImageCachePruneEvents";

    private readonly PruneOptions settings = options.Value;

    public bool IsConfigured => settings.EventSinkUrl is not null;

    /// <summary>True when the sink answered 2xx.</summary>
    public async Task<bool> SendAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (settings.EventSinkUrl is not { } url)
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.EventSinkTimeout);
        try
        {
            using var content = new ReadOnlyMemoryContent(ImageCachePrunedEvent.Encode(cloudEvent));
            content.Headers.ContentType = new MediaTypeHeaderValue(ImageCachePrunedEvent.MediaType) { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            LogRejected(logger, cloudEvent.Id, (int)response.StatusCode);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, cloudEvent.Id, $"no answer within {settings.EventSinkTimeout}");
            return false;
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, cloudEvent.Id, ex.Message);
            return false;
        }
    }

    // The sink URL is not logged: it may carry a token.
    [LoggerMessage(Level = LogLevel.Warning, Message = "ImageCachePruned event {EventId} refused by the event sink: HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, string? eventId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ImageCachePruned event {EventId} not delivered to the event sink: {Detail}")]
    private static partial void LogFailed(ILogger logger, string? eventId, string detail);
}

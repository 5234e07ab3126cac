using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// One webhook delivery from start to answer: the registries library authenticates and reads it
/// (its 4xx answers and handshakes pass through unchanged), <see cref="ImageCacheRefresher"/>
/// acts on the pushes, and the answer is 2xx with a <see cref="WebhookSummary"/>, or 503 with
/// <c>Retry-After</c> when Kubernetes or ECI could not be used.
/// </summary>
public sealed partial class RegistryWebhookProcessor(
    WebhookSources sources,
    ImageCacheRefresher refresher,
    ILogger<RegistryWebhookProcessor> logger)
{
    /// <summary>The body limit of the configured sources (larger bodies are answered 413).</summary>
    public long MaxBodyBytes => sources.Settings.MaxBodyBytes;

    public async Task<WebhookResponse> ProcessAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var receiver = sources.Receiver;
        var outcome = await receiver.ReceiveAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind != WebhookOutcomeKind.Accepted)
        {
            if (outcome.Kind == WebhookOutcomeKind.Rejected)
            {
                LogRejected(logger, outcome.StatusCode, outcome.SourceName, outcome.Message);
            }
            else
            {
                LogHandshake(logger, outcome.SourceName, outcome.Message);
            }

            object body = outcome.ResponseBody is { } document
                ? JsonDocument.Parse(document).RootElement
                : new WebhookSummary
                {
                    Source = outcome.SourceName,
                    Error = outcome.Kind == WebhookOutcomeKind.Rejected ? outcome.Message : null,
                    Message = outcome.Kind == WebhookOutcomeKind.Handshake ? outcome.Message : null,
                };
            WebhookMetrics.NotAccepted(outcome, Stopwatch.GetElapsedTime(started));
            return new WebhookResponse(outcome.StatusCode, outcome.ResponseHeaders, body);
        }

        var report = outcome.Events.Count == 0
            ? RefreshReport.Nothing
            : await refresher.RefreshAsync(WithAliases(outcome.Events, receiver.Settings), cancellationToken).ConfigureAwait(false);
        var summary = WebhookSummary.From(outcome, report);
        WebhookMetrics.Accepted(outcome, report, Stopwatch.GetElapsedTime(started));
        var ignored = outcome.Ignored.Count + report.Ignored.Count;
        if (report.RefreshesRequested == 0 && report.CachesCreated == 0 && ignored == 0 && report.Unavailable is null && report.CachesMatched > 0)
        {
            // Only duplicates: the commonest delivery, counted per cache by ImageCacheEventTally.
            LogDuplicates(logger, outcome.SourceName, outcome.Events.Count, report.CachesMatched);
        }
        else
        {
            LogDelivery(logger, outcome.SourceName, outcome.Events.Count, ignored, report.CachesMatched, report.RefreshesRequested, report.CachesCreated, report.Unavailable);
        }

        if (report.Unavailable is not null)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((report.RetryAfter ?? TimeSpan.FromSeconds(30)).TotalSeconds));
            return new WebhookResponse(503, new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) }, summary);
        }

        return new WebhookResponse(outcome.StatusCode, outcome.ResponseHeaders, summary);
    }

    /// <summary>
    /// Each push also under the hosts its source lists as aliases (an Enterprise Edition
    /// instance's custom domains): caches that pull through any of them are found.
    /// </summary>
    private static IReadOnlyList<ImagePushed> WithAliases(IReadOnlyList<ImagePushed> events, WebhookSettings settings)
    {
        var expanded = new List<ImagePushed>(events);
        foreach (var pushed in events)
        {
            if (settings.Sources.TryGetValue(pushed.SourceName, out var source))
            {
                expanded.AddRange(source.Aliases
                    .Where(alias => !string.Equals(RegistryHost.Canonical(alias), RegistryHost.Canonical(pushed.Registry), StringComparison.Ordinal))
                    .Select(alias => pushed with { Registry = alias }));
            }
        }

        return expanded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "delivery refused with {Status} (source {Source}): {Detail}")]
    private static partial void LogRejected(ILogger logger, int status, string? source, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "handshake answered (source {Source}): {Detail}")]
    private static partial void LogHandshake(ILogger logger, string? source, string? detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "delivery from {Source}: {Events} pushes, {Matched} caches matched, nothing to do")]
    private static partial void LogDuplicates(ILogger logger, string? source, int events, int matched);

    [LoggerMessage(Level = LogLevel.Information, Message = "delivery from {Source}: {Events} pushes, {Ignored} ignored, {Matched} caches matched, {Refreshes} refreshes recorded, {Created} caches created; unavailable: {Unavailable}")]
    private static partial void LogDelivery(ILogger logger, string? source, int events, int ignored, int matched, int refreshes, int created, string? unavailable);
}

using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ImageCacheFunctions.ImageCaches.Operations.Events;

/// <summary>
/// The one way the functions send CloudEvents: structured JSON POSTed to the configured sink,
/// each attempt with <see cref="CloudEventSinkOptions.Timeout"/>, up to
/// <see cref="CloudEventSinkOptions.MaxAttempts"/> attempts on 429/5xx/timeouts/network
/// errors. <see cref="Publish"/> never waits: it queues (bounded; a full queue drops the event)
/// for a background loop. Delivery never fails the work it reports; every outcome is counted.
/// </summary>
public sealed partial class CloudEventSink : BackgroundService
{
    public const string HttpClientName = "ImageCacheCloudEvents";
    public const string MediaType = "application/cloudevents+json";

    private static readonly JsonEventFormatter Formatter = new();

    private static readonly Counter Deliveries = Metrics.CreateCounter(
        "imagecache_cloudevents_total",
        "CloudEvents sent to the sink, by outcome: delivered, failed (after every attempt), dropped (queue full).",
        "outcome");

    private readonly IHttpClientFactory _httpClients;
    private readonly CloudEventSinkOptions _settings;
    private readonly ILogger<CloudEventSink> _logger;
    private readonly Channel<CloudEvent>? _queue;

    public CloudEventSink(IHttpClientFactory httpClients, IOptions<CloudEventSinkOptions> options, ILogger<CloudEventSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _settings = options.Value;
        _logger = logger;
        // Without a sink nothing is ever queued: no queue, so CloudNative.CloudEvents and
        // System.Threading.Channels are not loaded when the host starts this service.
        _queue = _settings.SinkUrl is null ? null : CreateQueue(_settings.QueueCapacity);
    }

    public bool IsConfigured => _settings.SinkUrl is not null;

    /// <summary>The <c>source</c> attribute of this function's events.</summary>
    public Uri Source => new(_settings.Source, UriKind.RelativeOrAbsolute);

    /// <summary>Queues <paramref name="cloudEvent"/> for delivery and returns at once; false when it was dropped.</summary>
    public bool Publish(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (_queue is null)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(cloudEvent))
        {
            return true;
        }

        Deliveries.WithLabels("dropped").Inc();
        LogDropped(_logger, cloudEvent.Type, _settings.QueueCapacity);
        return false;
    }

    /// <summary>Delivers <paramref name="cloudEvent"/> now (bounded as above); true when the sink answered 2xx.</summary>
    public async Task<bool> SendAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (_settings.SinkUrl is not { } url)
        {
            return false;
        }

        var body = Encode(cloudEvent);
        string problem = "";
        for (var attempt = 1; attempt <= _settings.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << (attempt - 2))), cancellationToken).ConfigureAwait(false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.Timeout);
            try
            {
                using var content = new ReadOnlyMemoryContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(MediaType) { CharSet = "utf-8" };
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Deliveries.WithLabels("delivered").Inc();
                    return true;
                }

                problem = $"HTTP {(int)response.StatusCode}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"no answer within {_settings.Timeout}";
            }
            catch (HttpRequestException ex)
            {
                problem = ex.Message;
            }
        }

        Deliveries.WithLabels("failed").Inc();
        // The sink URL is not logged: it may carry a token.
        LogFailed(_logger, cloudEvent.Type, cloudEvent.Id, problem);
        return false;
    }

    /// <summary>Structured-mode JSON of an event.</summary>
    public static ReadOnlyMemory<byte> Encode(CloudEvent cloudEvent) =>
        Formatter.EncodeStructuredModeMessage(cloudEvent, out _);

    /// <summary>Reads an encoded event back (for consumers and tests).</summary>
    public static CloudEvent Decode(ReadOnlyMemory<byte> body) =>
        Formatter.DecodeStructuredModeMessage(body, new System.Net.Mime.ContentType(MediaType), extensionAttributes: null);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _queue is null ? Task.CompletedTask : DeliverQueuedAsync(stoppingToken);

    // Not inlined, and a method of its own: the method that names CloudEvents' and Channels' types
    // is the one whose compilation loads their assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Channel<CloudEvent> CreateQueue(int capacity) =>
        Channel.CreateBounded<CloudEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

    private async Task DeliverQueuedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var cloudEvent in _queue!.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await SendAsync(cloudEvent, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is lost, as documented.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudEvent {Type} {EventId} not delivered to the sink: {Detail}")]
    private static partial void LogFailed(ILogger logger, string? type, string? eventId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudEvent {Type} dropped: {Capacity} events already wait for the sink")]
    private static partial void LogDropped(ILogger logger, string? type, int capacity);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Records core/v1 Events about ImageCache objects, so <c>kubectl describe ic NAME</c> and
/// <c>kubectl get events</c> show what the functions did. Cluster-scoped objects' Events live
/// in <c>default</c>. The same (object, type, reason, message) again bumps <c>count</c> and
/// <c>lastTimestamp</c> of one Event, as kubectl shows aggregated Events: the Event's name is
/// derived from them, so any replica finds it. Recording is best effort: a failure is logged and
/// never fails the operation that was being reported. Every <see cref="IImageCacheEventObserver"/>
/// registered is told of each Event first (the CloudEvents sink is one).
/// </summary>
public sealed partial class ImageCacheEventRecorder(
    IKubernetes client,
    IOptions<KubernetesOptions> options,
    TimeProvider timeProvider,
    ILogger<ImageCacheEventRecorder> logger,
    IEnumerable<IImageCacheEventObserver>? observers = null)
{
    private readonly IImageCacheEventObserver[] _observers = observers?.ToArray() ?? [];

    /// <summary>Longest message kept; the rest is cut (Kubernetes' own recorder does the same).</summary>
    public const int MaxMessageLength = 1024;

    private readonly KubernetesOptions settings = options.Value;

    public Task<Corev1Event?> NormalAsync(ImageCache cache, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(cache, KubernetesEventTypes.Normal, reason, message, cancellationToken);

    public Task<Corev1Event?> WarningAsync(ImageCache cache, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(cache, KubernetesEventTypes.Warning, reason, message, cancellationToken);

    /// <summary>Creates the Event, or counts it once more; returns it, or null when it could not be recorded.</summary>
    public Task<Corev1Event?> RecordAsync(ImageCache cache, string type, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(cache, type, reason, message, 1, cancellationToken);

    /// <summary>
    /// Creates the Event with <paramref name="occurrences"/> as its count, or adds them to its
    /// count (<see cref="ImageCacheEventTally"/> writes many at once); null when it could not be recorded.
    /// </summary>
    public async Task<Corev1Event?> RecordAsync(ImageCache cache, string type, string reason, string message, int occurrences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(occurrences, 1);

        message = Shorten(message);

        foreach (var observer in _observers)
        {
            observer.Recorded(cache, type, reason, message);
        }

        var name = EventName(cache, type, reason, message);
        try
        {
            // Most Events are new (their message names a digest, a delivery or a cache id): create
            // first, and read only when the name is taken (the same Event again: count it).
            try
            {
                return await CreateAsync(cache, name, type, reason, message, occurrences, KubernetesTime.Now(timeProvider), cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesAlreadyExistsException)
            {
            }

            for (var attempt = 1; ; attempt++)
            {
                var now = KubernetesTime.Now(timeProvider);
                var existing = await ReadAsync(name, cancellationToken).ConfigureAwait(false);
                try
                {
                    return existing is null
                        ? await CreateAsync(cache, name, type, reason, message, occurrences, now, cancellationToken).ConfigureAwait(false)
                        : await CountAgainAsync(existing, occurrences, now, cancellationToken).ConfigureAwait(false);
                }
                catch (KubernetesApiException ex) when (ex is KubernetesConflictException or KubernetesAlreadyExistsException && attempt < settings.ConflictRetryAttempts)
                {
                    // Another replica recorded the same Event meanwhile: read it again and count.
                }
            }
        }
        catch (KubernetesApiException ex)
        {
            LogNotRecorded(logger, reason, cache.Metadata?.Name, ex.Message);
            return null;
        }
    }

    /// <summary>The message as recorded: at most <see cref="MaxMessageLength"/> characters.</summary>
    public static string Shorten(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Length > MaxMessageLength ? message[..(MaxMessageLength - 3)] + "..." : message;
    }

    /// <summary>
    /// <c>&lt;object name&gt;.&lt;16 hex&gt;</c>, the hex from the object's uid, type, reason and message:
    /// deterministic, so aggregation needs no list, and a new object of the same name starts afresh.
    /// </summary>
    public static string EventName(ImageCache cache, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var key = string.Join('\n', cache.Metadata?.Uid ?? "", type, reason, message);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var objectName = cache.Metadata?.Name ?? "imagecache";
        const int maxPrefix = 253 - 17;
        if (objectName.Length > maxPrefix)
        {
            objectName = objectName[..maxPrefix].TrimEnd('.', '-');
        }

        return $"{objectName}.{hash}";
    }

    private async Task<Corev1Event?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await KubernetesErrors.TranslateAsync($"get event {name}",
                ct => client.CoreV1.ReadNamespacedEventAsync(name, settings.EventNamespace, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }

    private Task<Corev1Event> CreateAsync(ImageCache cache, string name, string type, string reason, string message, int occurrences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recorded = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = settings.EventNamespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = ImageCacheResource.ApiVersion,
                Kind = ImageCacheResource.Kind,
                Name = cache.Metadata?.Name,
                Uid = cache.Metadata?.Uid,
                ResourceVersion = cache.Metadata?.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Count = occurrences,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Source = new V1EventSource { Component = ImageCacheResource.EventComponent },
            ReportingComponent = ImageCacheResource.EventComponent,
            ReportingInstance = ReportingInstance,
        };

        return KubernetesErrors.TranslateAsync($"create event {name}",
            ct => client.CoreV1.CreateNamespacedEventAsync(recorded, settings.EventNamespace, cancellationToken: ct),
            cancellationToken);
    }

    private Task<Corev1Event> CountAgainAsync(Corev1Event existing, int occurrences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = existing.Metadata.ResourceVersion },
            ["count"] = (existing.Count ?? 1) + occurrences,
            ["lastTimestamp"] = KubernetesTime.ToString(now),
        };

        var name = existing.Metadata.Name;
        return KubernetesErrors.TranslateAsync($"patch event {name}",
            ct => client.CoreV1.PatchNamespacedEventAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, settings.EventNamespace, cancellationToken: ct),
            cancellationToken);
    }

    private string ReportingInstance =>
        string.IsNullOrWhiteSpace(settings.ReportingInstance) ? Environment.MachineName : settings.ReportingInstance;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} about imagecache {Name} not recorded: {Detail}")]
    private static partial void LogNotRecorded(ILogger logger, string reason, string? name, string detail);
}

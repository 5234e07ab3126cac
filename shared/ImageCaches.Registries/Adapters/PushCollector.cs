using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Registries.Adapters;

/// <summary>What an adapter found for one event, before validation.</summary>
internal sealed record PushFields(
    string? Registry,
    string? Repository,
    string? Tag,
    string? Digest,
    string? MediaType,
    DateTimeOffset? PushedAt,
    string? DeliveryId,
    string? EventId = null);

/// <summary>
/// Gathers the events of one delivery: validates each push (host, repository, tag, digest) into
/// an <see cref="ImagePushed"/>, or records why an event yields none, and builds the outcome.
/// An invalid event is a rejection for that event only.
/// </summary>
internal sealed class PushCollector(WebhookSource source)
{
    private readonly List<ImagePushed> events = [];
    private readonly List<IgnoredEvent> ignored = [];
    private readonly HashSet<ImagePushed> explicitIds = new(ReferenceEqualityComparer.Instance);

    public WebhookSource Source => source;

    /// <summary>Not a push we act on (layer blob, ping, delete…): fine, nothing to do.</summary>
    public void Ignore(string item, string reason) => ignored.Add(new IgnoredEvent(item, reason, Invalid: false));

    /// <summary>A malformed event: 400 for this event.</summary>
    public void Reject(string item, string reason) => ignored.Add(new IgnoredEvent(item, reason, Invalid: true));

    /// <param name="item">Which event, for messages.</param>
    /// <param name="fields">What the payload says.</param>
    /// <param name="registryIsFinal">True when the adapter already applied the configured registry (JFrog's layouts).</param>
    public void Add(string item, PushFields fields, bool registryIsFinal = false)
    {
        var registry = registryIsFinal ? fields.Registry.NullIfEmpty() : source.Registry ?? fields.Registry.NullIfEmpty();
        if (registry is null)
        {
            Reject(item, $"the payload names no registry host; set registry in source '{source.Name}'");
            return;
        }

        if (string.IsNullOrEmpty(fields.Repository))
        {
            Reject(item, "the payload names no repository");
            return;
        }

        var tag = fields.Tag.NullIfEmpty();
        var digestText = fields.Digest.NullIfEmpty();

        // Harbor (and others) put the digest in the tag field for a push by digest.
        if (tag is not null && Digest.TryParse(tag, out var tagAsDigest))
        {
            digestText ??= tagAsDigest.ToString();
            tag = null;
        }

        Digest? digest = null;
        if (digestText is not null)
        {
            if (Digest.TryParse(digestText, out var parsed, out var digestError))
            {
                digest = parsed;
            }
            else if (tag is not null)
            {
                // The tag still names what moved: refresh by tag (as for a sender without
                // digests) and name the bad field, so the answer is 2xx and the sender stops
                // redelivering something that would never change (Pub/Sub retries for days).
                ignored.Add(new IgnoredEvent($"{item} digest", $"{digestError} (refreshed by tag {tag} instead)", Invalid: true));
            }
            else
            {
                Reject(item, digestError!);
                return;
            }
        }

        if (tag is null && digest is null)
        {
            Reject(item, "the payload names neither a tag nor a digest");
            return;
        }

        if (!ImageReference.TryCreate(registry, fields.Repository, tag, digest, out var image, out var error))
        {
            Reject(item, error!);
            return;
        }

        var pushed = new ImagePushed(
            image!.Registry,
            image.Repository,
            image.Tag,
            image.Digest,
            Printable(fields.MediaType),
            fields.PushedAt,
            Printable(fields.DeliveryId),
            source.Name);
        if (Printable(fields.EventId) is { } eventId)
        {
            pushed = pushed with { EventId = eventId };
            explicitIds.Add(pushed);
        }

        events.Add(pushed);
    }

    /// <summary>
    /// Ids and media types are informational: one a CloudEvent cannot carry (control characters,
    /// absurd length) is dropped, and the event id falls back to the deterministic hash.
    /// </summary>
    private static string? Printable(string? value) =>
        string.IsNullOrEmpty(value) || value.Length > MaxIdLength || value.Any(char.IsControl) ? null : value;

    private const int MaxIdLength = 256;

    /// <summary>
    /// The outcome: 200 with the events and the ignored ones, or 400 when the delivery had
    /// invalid events and no valid one.
    /// </summary>
    public WebhookOutcome Outcome()
    {
        var numbered = AssignEventIds();
        var invalid = ignored.Where(i => i.Invalid).ToList();
        var rejected = numbered.Count == 0 && invalid.Count > 0;
        var message = rejected
            ? $"no valid image push: {string.Join("; ", invalid.Take(3).Select(i => $"{i.Item}: {i.Reason}"))}"
            : $"{numbered.Count} image push(es), {ignored.Count} event(s) ignored";
        return new WebhookOutcome
        {
            Kind = WebhookOutcomeKind.Accepted,
            StatusCode = rejected ? 400 : 200,
            Message = message,
            SourceName = source.Name,
            Events = numbered,
            Ignored = ignored.ToList(),
        };
    }

    // A sender id shared by several events of one delivery is suffixed -1, -2… so CloudEvent ids stay unique.
    private List<ImagePushed> AssignEventIds()
    {
        var shared = events
            .Where(e => e.DeliveryId is not null && !explicitIds.Contains(e))
            .GroupBy(e => e.DeliveryId!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<ImagePushed>(events.Count);
        foreach (var pushed in events)
        {
            if (pushed.DeliveryId is { } id && shared.Contains(id) && !explicitIds.Contains(pushed))
            {
                var n = counters[id] = counters.GetValueOrDefault(id) + 1;
                result.Add(pushed with { EventId = $"{id}-{n}" });
            }
            else
            {
                result.Add(pushed);
            }
        }

        return result;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// A manifest (or index) was pushed to a registry: the one event every registry webhook is
/// normalised to, and the product's CloudEvent (<see cref="CloudEventType"/>, see
/// <see cref="ImagePushedCloudEvent"/>).
/// </summary>
/// <param name="Registry">Registry host as pods reference it (e.g. <c>docker.io</c>, <c>registry.cn-hangzhou.aliyuncs.com</c>).</param>
/// <param name="Repository">Repository path, lower case, <c>library/</c> added for Docker Hub official images.</param>
/// <param name="Tag">The pushed tag; null for a push by digest.</param>
/// <param name="Digest">Manifest digest; null when the sender sends none (Docker Hub, Quay).</param>
/// <param name="MediaType">Manifest media type when the sender names it.</param>
/// <param name="PushedAt">When the registry says the push happened, if it says.</param>
/// <param name="DeliveryId">The sender's id for the delivery or event (<c>X-GitHub-Delivery</c>, <c>events[].id</c>, Pub/Sub <c>messageId</c>, CloudEvent <c>id</c>…), if it sends one.</param>
/// <param name="SourceName">Name of the configured webhook source that received it.</param>
public sealed record ImagePushed(
    string Registry,
    string Repository,
    string? Tag,
    Digest? Digest,
    string? MediaType,
    DateTimeOffset? PushedAt,
    string? DeliveryId,
    string SourceName)
{
    /// <summary>CloudEvents <c>type</c> of this event.</summary>
    public const string CloudEventType = "dev.openfaas.imagecache.image.pushed";

    /// <summary>
    /// Id unique per event (the CloudEvent id): by default the sender's <see cref="DeliveryId"/>,
    /// else a deterministic hash of the event (a redelivery of the same push gets the same id).
    /// When one delivery carried several events under one sender id, the adapters set
    /// <c>&lt;id&gt;-1</c>, <c>&lt;id&gt;-2</c>…
    /// </summary>
    public string EventId
    {
        get => field ?? DeliveryId ?? ComputeEventId();
        init;
    }

    /// <summary>The pushed image: <c>registry/repository:tag</c> or <c>registry/repository@digest</c>.</summary>
    public ImageReference Image => new(Registry, Repository, Tag, Digest);

    /// <summary>A deterministic id from the event's content.</summary>
    public string ComputeEventId()
    {
        var text = string.Join(
            '\n',
            SourceName,
            Registry,
            Repository,
            Tag ?? string.Empty,
            Digest?.ToString() ?? string.Empty,
            PushedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
            DeliveryId ?? string.Empty);
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Equal fields and equal <see cref="EventId"/>, whether that id was given or computed.</summary>
    public bool Equals(ImagePushed? other) =>
        other is not null
        && Registry == other.Registry
        && Repository == other.Repository
        && Tag == other.Tag
        && Digest == other.Digest
        && MediaType == other.MediaType
        && PushedAt == other.PushedAt
        && DeliveryId == other.DeliveryId
        && SourceName == other.SourceName
        && EventId == other.EventId;

    public override int GetHashCode() => HashCode.Combine(Registry, Repository, Tag, Digest, PushedAt, SourceName, EventId);

    public override string ToString() => $"{SourceName}: {Image} ({EventId})";
}

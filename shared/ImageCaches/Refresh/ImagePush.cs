using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Refresh;

/// <summary>
/// A push by tag as the refresh planning sees it: the pushed image (repository and tag, no
/// digest), the manifest digest when the sender names one, when the registry says it happened,
/// and the id that identifies this push across redeliveries.
/// </summary>
/// <param name="Image">The pushed repository and tag (<see cref="ImageReference.Tag"/> set, no digest).</param>
/// <param name="Digest">The pushed manifest digest; null when the sender sends none (Docker Hub, Quay).</param>
/// <param name="PushedAt">The registry's push time, if it says.</param>
/// <param name="DeliveryId">The sender's id of this event (the same on a redelivery), if any.</param>
public sealed record ImagePush(ImageReference Image, Digest? Digest, DateTimeOffset? PushedAt, string? DeliveryId)
{
    /// <summary>The pushed tag.</summary>
    public string Tag => Image.Tag ?? ImageReference.DefaultTag;

    /// <summary>
    /// A push by tag, or null (with the reason) when the event cannot refresh anything: a push by
    /// digest moves no tag, so no cache that pulls by tag sees new content.
    /// </summary>
    public static ImagePush? ByTag(ImageReference pushed, DateTimeOffset? pushedAt, string? deliveryId, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(pushed);
        if (pushed.Tag is null)
        {
            reason = "push by digest: no tag moved, so no cache needs a refresh";
            return null;
        }

        reason = null;
        return new ImagePush(pushed with { Digest = null }, pushed.Digest, pushedAt, deliveryId);
    }

    public override string ToString() => Digest is { } digest ? $"{Image}@{digest}" : Image.ToString();
}

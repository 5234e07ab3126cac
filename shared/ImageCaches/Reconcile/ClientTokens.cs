using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// ECI ClientTokens (idempotency keys: ASCII, at most 64 characters) derived from what the call
/// is for, never random: a retry after a crash, or a second replica doing the same pass, sends
/// the same token, so ECI answers with the same cache instead of building a second one.
/// </summary>
public static class ClientTokens
{
    /// <summary>ECI's limit.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// CreateImageCache for this object incarnation (uid) and generation. <paramref name="replaces"/>
    /// is the cache a new one stands in for (a failed or vanished one): ECI keeps tokens for a
    /// while, so a replacement needs a token of its own.
    /// </summary>
    /// <remarks><paramref name="settings"/> (a <c>CacheSettings</c> fingerprint) makes other parameters another token.</remarks>
    public static string ForCreate(string uid, long generation, string? replaces, string? settings = null) =>
        settings is null
            ? Token("c", uid, generation.ToString(CultureInfo.InvariantCulture), replaces ?? "-")
            : Token("c", uid, generation.ToString(CultureInfo.InvariantCulture), replaces ?? "-", settings);

    /// <summary>UpdateImageCache of one cache, for one generation and one refresh (the pending one, if any).</summary>
    public static string ForUpdate(string uid, string imageCacheId, long generation, PendingRefresh? refresh, string? settings = null) =>
        settings is null
            ? Token("u", uid, imageCacheId, generation.ToString(CultureInfo.InvariantCulture), RefreshIdentity(refresh))
            : Token("u", uid, imageCacheId, generation.ToString(CultureInfo.InvariantCulture), RefreshIdentity(refresh), settings);

    /// <summary>DeleteImageCache of one cache on behalf of one object incarnation.</summary>
    public static string ForDelete(string uid, string imageCacheId) => Token("d", uid, imageCacheId);

    /// <summary>What makes two refresh intents the same one: when, which delivery, which digests.</summary>
    public static string RefreshIdentity(PendingRefresh? refresh)
    {
        if (refresh is null)
        {
            return "spec";
        }

        var images = (refresh.Images ?? [])
            .Select(i => i.Image + "@" + (i.Digest ?? ""))
            .Order(StringComparer.Ordinal);
        var requestedAt = refresh.RequestedAt is { } at ? KubernetesTime.ToString(at) : "";
        return string.Join("|", [requestedAt, refresh.DeliveryId ?? "", refresh.Reason ?? "", .. images]);
    }

    private static string Token(string kind, params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        // "icf-" + kind + "-" + 48 hex digits = 54 characters.
        return $"icf-{kind}-{Convert.ToHexStringLower(hash)[..48]}";
    }
}

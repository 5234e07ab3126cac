using ImageCacheFunctions.ImageCaches.Answers;
using System.Text.RegularExpressions;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary><c>GET /caches</c> and <c>GET /caches/{name}</c>: the caches, summarised.</summary>
public sealed partial class CacheCatalog(ImageCacheStore store)
{
    /// <summary>
    /// Every cache, by name; with <paramref name="image"/> only those holding it (normalised:
    /// <c>nginx:1.7.9</c> finds <c>docker.io/library/nginx:1.7.9</c>; a digest must match the
    /// one cached); with <paramref name="phase"/> only those in that phase.
    /// </summary>
    public async Task<ApiResult> ListAsync(string? image, string? phase, CancellationToken cancellationToken)
    {
        ImageReference? wanted = null;
        if (!string.IsNullOrWhiteSpace(image) && !ImageReference.TryParse(image.Trim(), out wanted, out var error))
        {
            return ApiResult.BadRequest($"image: {error}", [new FieldProblem("image", error!)]);
        }

        try
        {
            var caches = await store.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var items = caches
                .Where(cache => wanted is null || MatchCandidate.From(cache).Holding(wanted) is not null)
                .Where(cache => string.IsNullOrWhiteSpace(phase) || string.Equals(cache.Status?.Phase, phase.Trim(), StringComparison.OrdinalIgnoreCase))
                .OrderBy(cache => cache.Metadata?.Name, StringComparer.Ordinal)
                .Select(CacheSummary.From)
                .ToList();
            return ApiResult.Ok(new CacheList(items.Count, wanted?.ToString(), items));
        }
        catch (KubernetesApiException ex)
        {
            return ApiResult.Unavailable($"the ImageCache objects could not be read: {ex.Message}");
        }
    }

    public async Task<ApiResult> GetAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 253 || !ObjectName().IsMatch(name))
        {
            return ApiResult.BadRequest("name: give the ImageCache's metadata.name",
                [new FieldProblem("name", "must be a Kubernetes object name: lower-case letters, digits, '-' and '.', at most 253 characters")]);
        }

        try
        {
            var cache = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            return cache is null
                ? ApiResult.NotFound($"no ImageCache named '{name}'")
                : ApiResult.Ok(CacheSummary.From(cache));
        }
        catch (KubernetesApiException ex)
        {
            return ApiResult.Unavailable($"the ImageCache '{name}' could not be read: {ex.Message}");
        }
    }

    // metadata.name of a cluster-scoped custom resource: a DNS subdomain.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectName();
}

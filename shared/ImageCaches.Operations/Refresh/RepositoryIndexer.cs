using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// Keeps the repository index labels of ImageCache objects in step with their spec.images, so a
/// push finds its caches with a label selector. Reconcile calls <see cref="EnsureAsync(ImageCache, CancellationToken)"/> for each
/// object it visits (a no-op, without any write, when the labels are right); objects the webhook
/// auto-creates carry their labels from the start.
/// </summary>
public sealed partial class RepositoryIndexer(ImageCacheStore store, ILogger<RepositoryIndexer> logger)
{
    private const int Attempts = 5;

    /// <summary>
    /// Writes the label changes <paramref name="cache"/> needs (a merge patch of the labels only,
    /// checked against the resourceVersion it was computed from, recomputed on a conflict).
    /// Returns the object as stored afterwards: <paramref name="cache"/> itself when nothing was
    /// needed, or null when the object no longer exists.
    /// </summary>
    public async Task<ImageCache?> EnsureAsync(ImageCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var current = cache;
        for (var attempt = 1; ; attempt++)
        {
            var changes = RepositoryIndexLabels.Changes(current);
            if (changes.Count == 0 || current.IsBeingDeleted)
            {
                return current;
            }

            var name = current.Metadata.Name;
            try
            {
                var patched = await store.PatchMetadataAsync(name, changes, null, current.Metadata.ResourceVersion, cancellationToken).ConfigureAwait(false);
                LogIndexed(logger, name, changes.Count(c => c.Value is not null), changes.Count(c => c.Value is null));
                return patched;
            }
            catch (KubernetesNotFoundException)
            {
                return null;
            }
            catch (KubernetesConflictException) when (attempt < Attempts)
            {
                // The spec may have changed: compute the labels again from a fresh read.
                var fresh = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
                if (fresh is null)
                {
                    return null;
                }

                current = fresh;
            }
        }
    }

    /// <summary>Ensures the labels of the object named <paramref name="name"/> (read first).</summary>
    public async Task<ImageCache?> EnsureAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var cache = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
        return cache is null ? null : await EnsureAsync(cache, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: repository index labels updated ({Set} set, {Removed} removed)")]
    private static partial void LogIndexed(ILogger logger, string name, int set, int removed);
}

using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// Deletes an ECI image cache without guessing. ECI does not document the error code of a
/// missing image cache, and unrelated codes end in <c>NotFound</c> too (<c>InvalidRegionId.NotFound</c>):
/// deciding "already gone" from a code's spelling would release a finalizer while a billed cache
/// lives on. So the only proof of "gone" is DescribeImageCaches by id returning nothing; any other
/// failure propagates and the caller keeps its finalizer and tries again on its next pass.
/// </summary>
public static class EciCacheDeletion
{
    /// <summary>Deletes a cache.</summary>
    /// <param name="delete">The DeleteImageCache call (with a ClientToken, so the client retries transient failures with back-off).</param>
    /// <param name="listed">DescribeImageCaches by the same id: whether ECI still lists the cache.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True when ECI deleted it; false when ECI has no cache with that id.</returns>
    /// <exception cref="EciException">The delete failed and the cache still exists (or ECI could not be asked).</exception>
    public static async Task<bool> DeleteAsync(
        Func<CancellationToken, Task> delete,
        Func<CancellationToken, Task<bool>> listed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delete);
        ArgumentNullException.ThrowIfNull(listed);
        try
        {
            await delete(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EciException)
        {
            if (!await listed(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>DescribeImageCaches filtered by one id: the cache, or null when ECI lists none. A failed Describe throws.</summary>
    /// <param name="eci">The client.</param>
    /// <param name="imageCacheId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The cache or null.</returns>
    public static async Task<ImageCacheFunctions.Eci.Models.ImageCache?> FindAsync(IEciClient eci, string imageCacheId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eci);
        ArgumentException.ThrowIfNullOrEmpty(imageCacheId);
        var page = await eci.DescribeImageCachesAsync(new DescribeImageCachesRequest { ImageCacheId = imageCacheId }, cancellationToken).ConfigureAwait(false);
        return page.ImageCaches.FirstOrDefault(c => string.Equals(c.ImageCacheId, imageCacheId, StringComparison.Ordinal));
    }
}

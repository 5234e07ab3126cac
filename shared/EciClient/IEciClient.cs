using ImageCacheFunctions.Eci.Models;

namespace ImageCacheFunctions.Eci;

/// <summary>The four ECI image-cache operations. Every failure is an <see cref="Errors.EciException"/>.</summary>
public interface IEciClient
{
    /// <summary>Creates a cache. Retried on transient errors only when <see cref="ImageCacheSettingsRequest.ClientToken"/> is set.</summary>
    /// <param name="request">The parameters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new cache's ID.</returns>
    Task<CreateImageCacheResponse> CreateImageCacheAsync(CreateImageCacheRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of caches (always retried on transient errors: it changes nothing).</summary>
    /// <param name="request">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<DescribeImageCachesResponse> DescribeImageCachesAsync(DescribeImageCachesRequest request, CancellationToken cancellationToken = default);


    /// <summary>Updates a cache in Ready or UpdateFailed. Retried on transient errors only with a ClientToken.</summary>
    /// <param name="request">The parameters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    Task<UpdateImageCacheResponse> UpdateImageCacheAsync(UpdateImageCacheRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes a cache. Retried on transient errors only with a ClientToken.</summary>
    /// <param name="request">The parameters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    Task<DeleteImageCacheResponse> DeleteImageCacheAsync(DeleteImageCacheRequest request, CancellationToken cancellationToken = default);
}

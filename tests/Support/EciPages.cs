using ImageCacheFunctions.Eci;
using ImageCacheFunctions.Eci.Models;

namespace ImageCacheFunctions.Tests.Support;

/// <summary>
/// Reads every cache a test's ECI emulator holds, page by page with the production client.
/// The product pages in one place only (EciCaches, through the call gate); this is the tests' reading aid.
/// </summary>
public static class EciPages
{
    public static async Task<List<ImageCache>> AllAsync(this IEciClient client, DescribeImageCachesRequest? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var all = new List<ImageCache>();
        var request = (filter ?? new DescribeImageCachesRequest()) with { Limit = 100 };
        while (true)
        {
            var page = await client.DescribeImageCachesAsync(request, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.ImageCaches);
            if (string.IsNullOrEmpty(page.NextToken) || page.ImageCaches.Count == 0)
            {
                return all;
            }

            request = request with { NextToken = page.NextToken };
        }
    }
}

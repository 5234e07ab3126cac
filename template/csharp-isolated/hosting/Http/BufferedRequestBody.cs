using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// A request body read in full (Kestrel enforces MaxRequestBodySize while it is read, with a 413
/// BadHttpRequestException) into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, sized
/// from Content-Length when it is sent. <see cref="Stream"/> is a read-only MemoryStream over it;
/// the buffer goes back to the pool when the call is done. A burst of megabyte bodies then
/// reuses a few buffers instead of leaving several large-object-heap arrays per call, which a
/// workstation GC on a big machine collects late (issue 12: the process's peak memory).
/// </summary>
internal sealed class BufferedRequestBody : IAsyncDisposable
{
    private byte[]? _rented;

    private BufferedRequestBody(byte[] rented, int length)
    {
        _rented = rented;
        Stream = new MemoryStream(rented, 0, length, writable: false, publiclyVisible: true);
    }

    public MemoryStream Stream { get; }

    public static async Task<BufferedRequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        var expected = request.ContentLength is { } length ? Math.Min(length, limit) : 4096;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(expected + 1, 1));
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // Only a chunked body (or a wrong Content-Length) grows; Kestrel stops it at the limit.
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BufferedRequestBody(buffer, filled);
                }

                filled += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

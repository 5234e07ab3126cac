using System.Buffers;

namespace ImageCacheFunctions.ImageCaches.Answers;

/// <summary>
/// A request body read as bytes with a cap, the one way every function reads one: never more
/// than <c>limit + 1</c> bytes (so the caller can tell "too large" and answer 413). A body the
/// host already holds in memory is used where it is; any other is read into a buffer rented
/// from <see cref="ArrayPool{T}.Shared"/> and given back on <see cref="Dispose"/>: a burst of
/// large bodies reuses a few buffers instead of leaving large-object-heap arrays for the GC.
/// No string, no re-encoding.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private byte[]? _rented;
    private bool _disposed;

    private RequestBody(ReadOnlyMemory<byte> bytes, byte[]? rented)
    {
        _bytes = bytes;
        _rented = rented;
    }

    /// <summary>Bytes read (at most the limit + 1).</summary>
    public int Length => _bytes.Length;

    /// <summary>The bytes; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Bytes => _disposed ? throw new ObjectDisposedException(nameof(RequestBody)) : _bytes;

    public static async Task<RequestBody> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var cap = (int)Math.Min(limit + 1, Array.MaxLength);
        if (body is MemoryStream memory && memory.TryGetBuffer(out var buffered))
        {
            // The template host hands every function the body it buffered: read it where it is.
            var start = (int)memory.Position;
            return new RequestBody(buffered.AsMemory(start, Math.Min(buffered.Count - start, cap)), rented: null);
        }

        var known = body.CanSeek ? body.Length - body.Position : -1;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, known >= 0 ? Math.Min(known + 1, cap) : Math.Min(16 * 1024, cap)));
        var filled = 0;
        try
        {
            while (filled < cap)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(filled, Math.Min(buffer.Length, cap) - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new RequestBody(buffer.AsMemory(0, filled), buffer);
    }

    public void Dispose()
    {
        _disposed = true;
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

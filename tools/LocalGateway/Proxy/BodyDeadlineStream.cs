using Microsoft.AspNetCore.Http;

namespace ImageCacheFunctions.LocalGateway.Proxy;

/// <summary>
/// The client's request body, readable until a deadline (of-watchdog's read_timeout) on the
/// gateway's clock: a read still waiting then fails with a 408 BadHttpRequestException, the way
/// Kestrel reports a body that arrives too slowly.
/// </summary>
internal sealed class BodyDeadlineStream(Stream inner, CancellationToken deadline, TimeSpan readTimeout) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline);
        try
        {
            return await inner.ReadAsync(buffer, both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new BadHttpRequestException($"the request body did not arrive within the function's read_timeout ({readTimeout.TotalSeconds:0.###} s)", StatusCodes.Status408RequestTimeout);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the gateway reads bodies asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

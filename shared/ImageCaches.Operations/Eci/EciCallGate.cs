using Microsoft.Extensions.Options;
using Prometheus;

namespace ImageCacheFunctions.ImageCaches.Operations.Eci;

/// <summary>
/// Bounds the ECI calls one process makes at once (Eci:Concurrency), whoever makes them: a
/// reconcile pass and the webhook's per-object reconciles share it, so a burst cannot trip ECI's
/// flow control. (The client itself backs off and retries when ECI throttles anyway.)
/// </summary>
public sealed class EciCallGate(IOptions<EciCacheOptions> options) : IDisposable
{
    private static readonly Counter Waits = Metrics.CreateCounter(
        "imagecache_eci_gate_waits_total",
        "ECI calls that found every slot of the process's concurrency gate (Eci:Concurrency) taken and had to wait.");

    private readonly SemaphoreSlim _slots = CreateSlots(options.Value.Concurrency);

    private static SemaphoreSlim CreateSlots(int concurrency)
    {
        // Publishes the counter at zero before the first wait, so rate() works from the start.
        Waits.Inc(0);
        return new SemaphoreSlim(Math.Max(1, concurrency));
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!_slots.Wait(0, CancellationToken.None))
        {
            Waits.Inc();
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}

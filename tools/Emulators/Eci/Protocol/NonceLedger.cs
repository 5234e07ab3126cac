namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>Remembers signature nonces per AccessKey for as long as a timestamp could still be accepted.</summary>
internal sealed class NonceLedger(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _pruneAt = 10_000;

    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_seen.Count >= _pruneAt)
            {
                foreach (var stale in _seen.Where(e => now - e.Value > window * 2).Select(e => e.Key).ToList())
                {
                    _seen.Remove(stale);
                }

                // Scan again only after the ledger has grown as much again, so pruning stays amortised O(1).
                _pruneAt = Math.Max(10_000, _seen.Count * 2);
            }

            return _seen.TryAdd(accessKeyId + "\n" + nonce, now);
        }
    }
}

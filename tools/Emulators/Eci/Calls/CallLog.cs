namespace ImageCacheFunctions.Emulators.Eci.Calls;

/// <summary>Every call received, in order, for tests and <c>/_emulator/calls</c>.</summary>
public sealed class CallLog
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "Signature", "SecurityToken", "AccessKeyId", "SignatureNonce", "Timestamp", "SignatureMethod", "SignatureVersion", "Action", "Version", "Format",
    };

    private readonly object _gate = new();
    private readonly List<EmulatorCall> _calls = [];

    /// <summary>A copy of the calls so far.</summary>
    /// <returns>The calls, oldest first.</returns>
    public IReadOnlyList<EmulatorCall> Snapshot()
    {
        lock (_gate)
        {
            return [.. _calls];
        }
    }

    /// <summary>The calls of one action.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The calls, oldest first.</returns>
    public IReadOnlyList<EmulatorCall> Of(string action) => Snapshot().Where(c => c.Action == action).ToList();

    /// <summary>Forgets all calls.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    /// <summary>Most calls kept; the oldest are dropped beyond it so a long-running emulator stays bounded.</summary>
    public const int Capacity = 100_000;

    internal void Add(EmulatorCall call)
    {
        lock (_gate)
        {
            if (_calls.Count >= Capacity)
            {
                _calls.RemoveRange(0, Capacity / 10);
            }

            _calls.Add(call);
        }
    }

    internal static Dictionary<string, string> Redact(IReadOnlyDictionary<string, string> parameters) =>
        parameters
            .Where(p => !Dropped.Contains(p.Key))
            .ToDictionary(
                p => p.Key,
                p => p.Key.EndsWith(".Password", StringComparison.Ordinal) || p.Key is "OIDCToken" ? "***" : p.Value,
                StringComparer.Ordinal);
}

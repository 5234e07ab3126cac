namespace ImageCacheFunctions.Emulators.Eci;

/// <summary>
/// The emulator's clock. Live: the system time plus whatever was <see cref="Advance"/>d. Frozen:
/// stands still except when advanced, so tests are deterministic. Cache states are derived from
/// this clock when they are read, so advancing needs no background timers.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider? _live;
    private readonly object _gate = new();
    private DateTimeOffset _frozenNow;
    private TimeSpan _offset;

    private EmulatorClock(TimeProvider? live, DateTimeOffset frozenNow)
    {
        _live = live;
        _frozenNow = frozenNow;
    }

    /// <summary>A clock that follows <paramref name="baseClock"/> (the system clock by default) plus advances.</summary>
    /// <param name="baseClock">The underlying clock.</param>
    /// <returns>The clock.</returns>
    public static EmulatorClock Live(TimeProvider? baseClock = null) => new(baseClock ?? System, default);

    /// <summary>A clock that stands at <paramref name="start"/> until advanced.</summary>
    /// <param name="start">The initial time; the current time truncated to whole seconds when null.</param>
    /// <returns>The clock.</returns>
    public static EmulatorClock Frozen(DateTimeOffset? start = null)
    {
        var now = start ?? System.GetUtcNow();
        return new(null, new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    /// <summary>Whether the clock only moves when advanced.</summary>
    public bool IsFrozen => _live is null;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _live is null ? _frozenNow : _live.GetUtcNow() + _offset;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far; must not be negative.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            if (_live is null)
            {
                _frozenNow += by;
            }
            else
            {
                _offset += by;
            }
        }
    }
}

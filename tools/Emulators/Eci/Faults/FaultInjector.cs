namespace ImageCacheFunctions.Emulators.Eci.Faults;

/// <summary>Decides, per call, whether a fault replaces the answer: queued one-shot faults first, then the rates.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Random _dice;
    private readonly List<InjectedFault> _queue = [];
    private readonly List<HeldCall> _holds = [];
    private FaultSettings _settings = FaultSettings.None;

    internal FaultInjector(Random dice) => _dice = dice;

    /// <summary>The continuous fault settings.</summary>
    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.ThrottlingRate is < 0 or > 1 || value.ServerErrorRate is < 0 or > 1 || value.LatencyMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Rates must be within 0..1 and latency must not be negative.");
            }

            lock (_gate)
            {
                _settings = value;
            }
        }
    }

    /// <summary>Queues a one-shot fault for the next matching call(s).</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many calls it hits.</param>
    public void Enqueue(InjectedFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            for (int i = 0; i < times; i++)
            {
                _queue.Add(fault);
            }
        }
    }

    /// <summary>Holds the next call of <paramref name="action"/> until the returned handle releases it.</summary>
    /// <param name="action">The action, e.g. <c>UpdateImageCache</c>.</param>
    /// <returns>The handle: await <see cref="HeldCall.Arrived"/>, then <see cref="HeldCall.Release"/>.</returns>
    public HeldCall Hold(string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var held = new HeldCall(action);
        lock (_gate)
        {
            _holds.Add(held);
        }

        return held;
    }

    /// <summary>Removes queued faults and switches the rates off.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _queue.Clear();
            _settings = FaultSettings.None;
            foreach (var held in _holds)
            {
                held.Release();
            }

            _holds.Clear();
        }
    }

    /// <summary>Waits while a <see cref="Hold"/> of this action is pending (the first call takes it).</summary>
    internal Task WaitIfHeldAsync(string action, CancellationToken cancellationToken)
    {
        HeldCall? held;
        lock (_gate)
        {
            held = _holds.Find(h => h.Action == action);
            if (held is not null)
            {
                _holds.Remove(held);
            }
        }

        return held is null ? Task.CompletedTask : held.HoldAsync(cancellationToken);
    }

    internal InjectedFault? Take(string action, bool afterProcessing)
    {
        lock (_gate)
        {
            int index = _queue.FindIndex(f => f.AfterProcessing == afterProcessing && (f.Action is null || f.Action == action));
            if (index >= 0)
            {
                var fault = _queue[index];
                _queue.RemoveAt(index);
                return fault;
            }

            if (afterProcessing)
            {
                return null;
            }

            double roll = _dice.NextDouble();
            if (roll < _settings.ThrottlingRate)
            {
                return InjectedFault.Throttling();
            }

            return roll < _settings.ThrottlingRate + _settings.ServerErrorRate ? InjectedFault.Unavailable() : null;
        }
    }
}

namespace ImageCacheFunctions.Emulators.Eci.Faults;

/// <summary>
/// A fault for deterministic tests of timeouts and budgets: the next call of an action waits,
/// before it is processed, until the test releases it. <see cref="Arrived"/> completes when that
/// call is being held, so a test can move its own clock while the caller waits on ECI, then
/// let the call go on (<see cref="Release"/>). No wall-clock sleep is involved.
/// </summary>
public sealed class HeldCall
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal HeldCall(string action) => Action = action;

    /// <summary>The action whose next call is held.</summary>
    public string Action { get; }

    /// <summary>Completes when the call has arrived and is being held.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets the held call (or the next one, if none has arrived yet) be processed.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}

using ImageCacheFunctions.ImageCaches.Operations.Reconcile;

namespace ImageCacheFunctions.Reconcile.Tests.Support;

/// <summary>
/// Records every step boundary a pass reaches and, when armed, throws at the n-th one (0-based,
/// counted from arming), as a crash of the function process at that point would stop the work.
/// </summary>
public sealed class CrashingStepHook : IReconcileStepHook
{
    private readonly object _gate = new();
    private readonly List<ReconcileStep> _steps = [];
    private int _crashAt = -1;
    private int _sinceArmed;

    public IReadOnlyList<ReconcileStep> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    public int Crashes { get; private set; }

    /// <summary>Crash at the <paramref name="boundary"/>-th step boundary from now; once.</summary>
    public void ArmAt(int boundary)
    {
        lock (_gate)
        {
            _crashAt = boundary;
            _sinceArmed = 0;
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _crashAt = -1;
        }
    }

    public void ClearSteps()
    {
        lock (_gate)
        {
            _steps.Clear();
        }
    }

    public ValueTask BeforeAsync(ReconcileStep step, string objectName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _steps.Add(step);
            if (_crashAt >= 0 && _sinceArmed++ == _crashAt)
            {
                _crashAt = -1;
                Crashes++;
                throw new SimulatedCrashException(step, objectName);
            }
        }

        return ValueTask.CompletedTask;
    }
}

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>
/// Waits for something another process does (a process dying) that sends the test no event.
/// Bounded; the bound is a deadline for failure, never a measured expectation.
/// </summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan bound)
    {
        using var deadline = new CancellationTokenSource(bound);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }

        return true;
    }
}

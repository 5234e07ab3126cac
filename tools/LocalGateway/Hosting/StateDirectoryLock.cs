namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>One gateway per state directory: two would overwrite each other's builds and emulator state.</summary>
internal sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _lock;

    private StateDirectoryLock(FileStream stream) => _lock = stream;

    /// <returns>The lock, or null when another gateway holds it.</returns>
    public static StateDirectoryLock? TryAcquire(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        try
        {
            return new StateDirectoryLock(new FileStream(
                Path.Combine(stateDirectory, "gateway.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}

using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.BuildContext;

/// <summary>
/// Where the template Dockerfile's commands run, for one function after another. Each function's
/// faas-cli build context is laid out fresh, then mirrored here: files that differ are copied,
/// files the context lacks are deleted, identical files are left untouched, and bin/ and obj/
/// (which .dockerignore keeps out of a real context) stay. So every publish still sees exactly its
/// function's context, while the host and the shared/ projects, the same in every context, are
/// compiled once per run instead of once per function (minutes on this machine).
/// </summary>
public sealed class DockerfileWorkspace : IDisposable
{
    private static readonly string[] BuildOutputs = ["bin", "obj"];

    private readonly TempDirectory _directory = new("dockerfile-workspace");
    private readonly SemaphoreSlim _inUse = new(1, 1);

    /// <summary>The context folder the commands run in.</summary>
    public string Context => _directory.Combine("context");

    /// <summary>Makes <see cref="Context"/> hold exactly <paramref name="freshContext"/> (build outputs aside); dispose to release it.</summary>
    public async Task<IDisposable> MirrorAsync(string freshContext)
    {
        await _inUse.WaitAsync();
        Mirror(freshContext, Context);
        return new Release(_inUse);
    }

    public void Dispose()
    {
        _inUse.Dispose();
        _directory.Dispose();
    }

    private static void Mirror(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var target = Path.Combine(destination, Path.GetFileName(file));
            if (!File.Exists(target) || !SameContent(file, target))
            {
                File.Copy(file, target, overwrite: true);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            Mirror(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }

        foreach (var file in Directory.EnumerateFiles(destination))
        {
            if (!File.Exists(Path.Combine(source, Path.GetFileName(file))))
            {
                File.Delete(file);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(destination))
        {
            var name = Path.GetFileName(directory);
            if (!BuildOutputs.Contains(name, StringComparer.Ordinal) && !Directory.Exists(Path.Combine(source, name)))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static bool SameContent(string a, string b) =>
        new FileInfo(a).Length == new FileInfo(b).Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

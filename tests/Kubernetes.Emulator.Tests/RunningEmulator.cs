using k8s;

namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

/// <summary>An emulator started for one test, its kubeconfig, and a KubernetesClient built from that kubeconfig.</summary>
internal sealed class RunningEmulator : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private RunningEmulator(KubernetesEmulator emulator, string directory, k8s.Kubernetes client, bool ownsDirectory)
    {
        Emulator = emulator;
        Directory = directory;
        Client = client;
        _ownsDirectory = ownsDirectory;
    }

    public KubernetesEmulator Emulator { get; }

    public string Directory { get; }

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    public k8s.Kubernetes Client { get; }

    public GenericClient ImageCaches => new(Client, ImageCacheObject.Group, ImageCacheObject.Version, ImageCacheObject.Plural, disposeClient: false);

    public static async Task<RunningEmulator> StartAsync(KubernetesEmulatorOptions? options = null, string? directory = null)
    {
        var ownsDirectory = directory is null;
        directory ??= NewDirectory();
        System.IO.Directory.CreateDirectory(directory);
        var emulator = new KubernetesEmulator(options);
        await emulator.StartAsync();
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        emulator.WriteKubeconfig(kubeconfig);
        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        return new RunningEmulator(emulator, directory, client, ownsDirectory);
    }

    /// <summary>A fresh folder under the temporary directory; the caller deletes it.</summary>
    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "k8s-emulator-tests", Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        if (_ownsDirectory && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

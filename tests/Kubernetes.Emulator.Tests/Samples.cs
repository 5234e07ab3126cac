namespace ImageCacheFunctions.Emulators.Kubernetes.Tests;

/// <summary>The deploy/samples fixtures (the seed documentation's YAML), read from the repository.</summary>
internal static class Samples
{
    public static string RepositoryRoot { get; } =
        KubernetesEmulator.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? KubernetesEmulator.FindRepositoryRoot(Environment.CurrentDirectory)
        ?? KubernetesEmulator.FindRepositoryRoot(CallerDirectory())
        ?? throw new InvalidOperationException("The repository root (stack.yml) was not found above the test binaries or the working directory.");

    public static string PathOf(string file) => Path.Combine(RepositoryRoot, "deploy", "samples", file);

    public static string Read(string file) => File.ReadAllText(PathOf(file));

    private static string CallerDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "/";
}

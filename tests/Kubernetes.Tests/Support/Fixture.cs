namespace ImageCacheFunctions.Kubernetes.Tests.Support;

/// <summary>The seed's sample documents, copied verbatim into Fixtures/.</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}

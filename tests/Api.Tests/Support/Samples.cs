namespace ImageCacheFunctions.Api.Tests.Support;

/// <summary>The seed's YAML samples (deploy/samples, copied unchanged) and this project's fixtures.</summary>
internal static class Samples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}

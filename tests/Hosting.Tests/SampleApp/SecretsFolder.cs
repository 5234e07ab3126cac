namespace ImageCacheFunctions.Hosting.Tests.SampleApp;

/// <summary>A stand-in for /var/openfaas/secrets: one file per secret, removed afterwards.</summary>
internal sealed class SecretsFolder : IDisposable
{
    public const string FunctionKey = "function-key-value-1";
    public const string AdminKey = "admin-key-value-2";

    private SecretsFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A folder with the secrets named; values as OpenFaaS mounts them (a trailing newline included).</summary>
    public static SecretsFolder With(params string[] secrets)
    {
        var path = Directory.CreateTempSubdirectory("hosting-secrets-").FullName;
        foreach (var secret in secrets)
        {
            var value = secret switch
            {
                "function-key" => FunctionKey,
                "admin-key" => AdminKey,
                _ => "value",
            };
            File.WriteAllText(System.IO.Path.Combine(path, secret), value + "\n");
        }

        return new SecretsFolder(path);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>A function built and ready to start with `dotnet AssemblyPath`.</summary>
internal sealed record FunctionArtifact(string Name, string ProjectPath, string AssemblyPath);

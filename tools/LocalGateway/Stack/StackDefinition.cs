namespace ImageCacheFunctions.LocalGateway.Stack;

/// <summary>A loaded stack.yml: where it lives and its functions in file order.</summary>
internal sealed record StackDefinition(
    string FilePath,
    string RootDirectory,
    IReadOnlyList<string> CopyPaths,
    IReadOnlyList<StackFunction> Functions)
{
    public StackFunction? Find(string name) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}

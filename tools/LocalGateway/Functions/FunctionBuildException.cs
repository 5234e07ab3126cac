namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>A function did not build; the message carries the compiler's errors.</summary>
internal sealed class FunctionBuildException : Exception
{
    public FunctionBuildException(string message)
        : base(message)
    {
    }

    public FunctionBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FunctionBuildException()
    {
    }
}

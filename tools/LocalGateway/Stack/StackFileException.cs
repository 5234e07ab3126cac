namespace ImageCacheFunctions.LocalGateway.Stack;

/// <summary>stack.yml cannot be used; the message says what is wrong and where.</summary>
internal sealed class StackFileException : Exception
{
    public StackFileException(string message)
        : base(message)
    {
    }

    public StackFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StackFileException()
    {
    }
}

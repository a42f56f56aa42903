using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests;

public class ErrorModelTests
{
    [Fact]
    public void Exception_carries_code_and_target_and_prints_the_code_first()
    {
        var error = new DepResolveException(ErrorCode.PackageNotFound, "Package 'Foo' was not found.", "Foo");

        Assert.Equal(ErrorCode.PackageNotFound, error.Code);
        Assert.Equal("Foo", error.Target);
        Assert.StartsWith("PackageNotFound: ", error.ToString());
    }
}

using DepResolve.Engine.Resolution;

namespace DepResolve.Engine.Tests.Resolution;

public class OpenIdsTests
{
    [Fact]
    public void The_nearest_id_comes_next_then_the_first_by_name_ignoring_case()
    {
        var open = new OpenIds();
        Assert.Null(open.Next);

        open.Set("Zeta", 1);
        open.Set("beta", 2);
        open.Set("Alpha", 2);
        Assert.Equal("Zeta", open.Next);

        open.Remove("zeta");
        Assert.Equal("Alpha", open.Next);

        open.Set("Beta", 0);
        Assert.Equal("beta", open.Next);

        open.Set("BETA", 3);
        open.Remove("alpha");
        Assert.Equal("beta", open.Next);

        open.Remove("Beta");
        Assert.Null(open.Next);
    }
}

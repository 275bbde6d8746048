import { v } from "convex/values";
import { query } from "./_generated/server";

/** Echo """ ''' \ {{ x }} {% if %} </script> <img src=x onerror=alert(1)> | `t` */
export const echo = query({
  args: {
    class: v.literal('"""'),
    from: v.union(v.literal("'''"), v.literal("\\"), v.literal("</script>")),
    list: v.optional(v.array(v.string())),
    __init__: v.string(),
    "{{ x }}": v.literal("{% raw %}"),
    Name: v.string(),
    name: v.string(),
  },
  returns: v.object({ '"""': v.literal("'''"), type: v.string() }),
  handler: async () => ({ '"""': "'''" as const, type: "t" }),
});

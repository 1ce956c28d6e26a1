/* assets — lookup in the generated asset table (see assets.h). */
#include <string.h>

#include "web/assets.h"

const struct web_asset *web_asset_find(const char *name)
{
	for (size_t i = 0; i < web_nassets; i++)
		if (!strcmp(web_assets[i].name, name))
			return &web_assets[i];
	return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rehearse-accessible.h"
#include "rehearse-banner.h"

struct _RehearseBanner
{
  GtkWidget    parent_instance;

  /* Children */
  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkButton   *button;
};

G_DEFINE_FINAL_TYPE (RehearseBanner, rehearse_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_BUTTON_LABEL,
  PROP_REVEALED,
  N_PROPS
};

enum {
  BUTTON_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
rehearse_banner_new (void)
{
  return g_object_new (REHEARSE_TYPE_BANNER, NULL);
}

const char *
rehearse_banner_get_title (RehearseBanner *self)
{
  g_return_val_if_fail (REHEARSE_IS_BANNER (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
rehearse_banner_set_title (RehearseBanner *self,
                           const char     *title)
{
  g_return_if_fail (REHEARSE_IS_BANNER (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
rehearse_banner_get_button_label (RehearseBanner *self)
{
  g_return_val_if_fail (REHEARSE_IS_BANNER (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->button))
         ? gtk_button_get_label (self->button) : NULL;
}

void
rehearse_banner_set_button_label (RehearseBanner *self,
                                  const char     *label)
{
  gboolean shown = label != NULL && *label != '\0';

  g_return_if_fail (REHEARSE_IS_BANNER (self));

  if (shown == gtk_widget_get_visible (GTK_WIDGET (self->button))
      && (!shown || g_strcmp0 (label, gtk_button_get_label (self->button)) == 0))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->button), shown);
  if (shown)
    {
      gtk_button_set_label (self->button, label);
      rehearse_accessible_fix_mnemonic_buttons (GTK_WIDGET (self->button));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUTTON_LABEL]);
}

gboolean
rehearse_banner_get_revealed (RehearseBanner *self)
{
  g_return_val_if_fail (REHEARSE_IS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
rehearse_banner_set_revealed (RehearseBanner *self,
                              gboolean        revealed)
{
  g_return_if_fail (REHEARSE_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;

  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
on_button_clicked (RehearseBanner *self)
{
  g_signal_emit (self, signals[BUTTON_CLICKED], 0);
}

static void
rehearse_banner_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RehearseBanner *self = REHEARSE_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, rehearse_banner_get_title (self));
      break;
    case PROP_BUTTON_LABEL:
      g_value_set_string (value, rehearse_banner_get_button_label (self));
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, rehearse_banner_get_revealed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_banner_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RehearseBanner *self = REHEARSE_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      rehearse_banner_set_title (self, g_value_get_string (value));
      break;
    case PROP_BUTTON_LABEL:
      rehearse_banner_set_button_label (self, g_value_get_string (value));
      break;
    case PROP_REVEALED:
      rehearse_banner_set_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rehearse_banner_dispose (GObject *object)
{
  RehearseBanner *self = REHEARSE_BANNER (object);

  if (self->revealer != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->revealer)));

  G_OBJECT_CLASS (rehearse_banner_parent_class)->dispose (object);
}

static void
rehearse_banner_class_init (RehearseBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rehearse_banner_get_property;
  object_class->set_property = rehearse_banner_set_property;
  object_class->dispose = rehearse_banner_dispose;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUTTON_LABEL] =
    g_param_spec_string ("button-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BUTTON_CLICKED] =
    g_signal_new ("button-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "banner");
}

static void
rehearse_banner_init (RehearseBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (self->title_label, GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (self->title_label, 0.5);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));

  self->button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (self->button, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->button), FALSE);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (on_button_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
}
